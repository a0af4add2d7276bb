/* SPDX-License-Identifier: BSD-3-Clause */
/* Init table: functions that libukboot calls before main(), class by class
 * (early, plat, lib, late), in link order within a class. A negative return
 * value stops the boot. */
#ifndef __UK_INIT_H__
#define __UK_INIT_H__

#include <uk/essentials.h>

typedef int (*uk_init_func_t)(void);

#define UK_INIT_CLASS_EARLY	1
#define UK_INIT_CLASS_PLAT	2
#define UK_INIT_CLASS_LIB	3
#define UK_INIT_CLASS_LATE	6

#define uk_initcall_class(fn, cls)					\
	static const uk_init_func_t __used				\
	__section(".uk_inittab" STRINGIFY(cls)) __uk_inittab_##fn = fn

#define uk_early_initcall(fn)	uk_initcall_class(fn, UK_INIT_CLASS_EARLY)
#define uk_plat_initcall(fn)	uk_initcall_class(fn, UK_INIT_CLASS_PLAT)
#define uk_lib_initcall(fn)	uk_initcall_class(fn, UK_INIT_CLASS_LIB)
#define uk_late_initcall(fn)	uk_initcall_class(fn, UK_INIT_CLASS_LATE)

extern const uk_init_func_t __uk_inittab_start[];
extern const uk_init_func_t __uk_inittab_end[];

#endif
