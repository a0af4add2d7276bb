/* SPDX-License-Identifier: BSD-3-Clause */
#include <uk/config.h>
#include <uk/console.h>

static struct uk_console *consoles;

void uk_console_register(struct uk_console *dev)
{
	struct uk_console **p = &consoles;

	while (*p)
		p = &(*p)->next;
	dev->next = NULL;
	*p = dev;
}

void uk_console_out(const char *buf, size_t len)
{
	struct uk_console *dev;
	size_t i;

	for (dev = consoles; dev; dev = dev->next)
		for (i = 0; i < len; i++) {
#if CONFIG_LIBUKCONSOLE_CRLF
			if (buf[i] == '\n')
				dev->putc(dev, '\r');
#endif
			dev->putc(dev, buf[i]);
		}
}
