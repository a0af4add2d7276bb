/* SPDX-License-Identifier: BSD-3-Clause */
/* Kernel messages: uk_pr_info/warn/err/crit("fmt", ...) print
 * "<Level>: [<library>] <message>". Levels below the configured one are not
 * compiled in. */
#ifndef __UK_PRINT_H__
#define __UK_PRINT_H__

#include <uk/config.h>
#include <uk/essentials.h>

#define KLVL_CRIT	0
#define KLVL_ERR	1
#define KLVL_WARN	2
#define KLVL_INFO	3

#if CONFIG_LIBUKDEBUG_PRINTK_INFO
#define UK_PRINT_LEVEL	KLVL_INFO
#elif CONFIG_LIBUKDEBUG_PRINTK_WARN
#define UK_PRINT_LEVEL	KLVL_WARN
#elif CONFIG_LIBUKDEBUG_PRINTK_ERR
#define UK_PRINT_LEVEL	KLVL_ERR
#else
#define UK_PRINT_LEVEL	KLVL_CRIT
#endif

#ifdef __LIBNAME__
#define __UK_LIBNAME	STRINGIFY(__LIBNAME__)
#else
#define __UK_LIBNAME	NULL
#endif
#ifdef __BASENAME__
#define __UK_SRCNAME	STRINGIFY(__BASENAME__)
#else
#define __UK_SRCNAME	NULL
#endif

#if CONFIG_LIBUKDEBUG
void _uk_printk(int lvl, const char *libname, const char *srcname,
		unsigned int line, const char *fmt, ...) __printf(5, 6);

#define uk_printk(lvl, fmt, ...)					\
	do {								\
		if ((lvl) <= UK_PRINT_LEVEL)				\
			_uk_printk((lvl), __UK_LIBNAME, __UK_SRCNAME,	\
				   __LINE__, (fmt), ##__VA_ARGS__);	\
	} while (0)
#else
#define uk_printk(lvl, fmt, ...)	do { } while (0)
#endif

#define uk_pr_info(fmt, ...)	uk_printk(KLVL_INFO, fmt, ##__VA_ARGS__)
#define uk_pr_warn(fmt, ...)	uk_printk(KLVL_WARN, fmt, ##__VA_ARGS__)
#define uk_pr_err(fmt, ...)	uk_printk(KLVL_ERR, fmt, ##__VA_ARGS__)
#define uk_pr_crit(fmt, ...)	uk_printk(KLVL_CRIT, fmt, ##__VA_ARGS__)

#endif
