/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef __UK_CONSOLE_H__
#define __UK_CONSOLE_H__

#include <uk/essentials.h>

struct uk_console {
	const char *name;
	void (*putc)(struct uk_console *dev, char c);
	struct uk_console *next;
};

/* Drivers register their device, usually from an early initcall */
void uk_console_register(struct uk_console *dev);

/* Writes len characters to every registered console */
void uk_console_out(const char *buf, size_t len);

#endif
