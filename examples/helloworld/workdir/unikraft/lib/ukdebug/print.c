/* SPDX-License-Identifier: BSD-3-Clause */
#include <uk/config.h>
#include <uk/print.h>
#include <stdio.h>

#if CONFIG_LIBUKDEBUG_ANSI_COLOR
#define COLOR(c, s)	"\033[" c "m" s "\033[0m"
#else
#define COLOR(c, s)	s
#endif

static const char *const level_names[] = {
	[KLVL_CRIT] = COLOR("1;31", "CRIT:"),
	[KLVL_ERR]  = COLOR("31", "ERR:"),
	[KLVL_WARN] = COLOR("33", "Warn:"),
	[KLVL_INFO] = COLOR("32", "Info:"),
};

void _uk_printk(int lvl, const char *libname, const char *srcname,
		unsigned int line, const char *fmt, ...)
{
	va_list ap;

	printf("%s [%s] ", level_names[lvl], libname ? libname : "unknown");
#if CONFIG_LIBUKDEBUG_PRINT_SRCNAME
	if (srcname)
		printf("<%s @ %u> ", srcname, line);
#endif
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}
