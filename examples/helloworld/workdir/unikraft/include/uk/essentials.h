/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef __UK_ESSENTIALS_H__
#define __UK_ESSENTIALS_H__

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

#define __noreturn	__attribute__((noreturn))
#define __used		__attribute__((used))
#define __unused	__attribute__((unused))
#define __section(s)	__attribute__((section(s)))
#define __printf(a, b)	__attribute__((format(printf, a, b)))

#define __STRINGIFY(x)	#x
#define STRINGIFY(x)	__STRINGIFY(x)

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(v, a)	(((v) + (a) - 1) & ~((__typeof__(v))(a) - 1))

#endif
