/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef __NOLIBC_STDIO_H__
#define __NOLIBC_STDIO_H__

#include <stddef.h>
#include <stdarg.h>

/* Supported: %d %i %u %x %X %o %c %s %p %%, the flags '-' and '0', a field
 * width (or *), and the length modifiers l, ll, z. */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* printf writes to the console (libukconsole) */
int vprintf(const char *fmt, va_list ap);
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int puts(const char *s);

#endif
