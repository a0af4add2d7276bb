/* SPDX-License-Identifier: BSD-3-Clause */
/* 16550 UART at an x86 I/O port, output only */
#include <uk/config.h>
#include <uk/console.h>
#include <uk/init.h>

#define PORT		CONFIG_LIBUKCONSOLE_NS16550_IOPORT
#define THR		0	/* transmit holding (DLAB=0) */
#define DLL		0	/* divisor latch low (DLAB=1) */
#define IER		1
#define DLM		1
#define FCR		2
#define LCR		3
#define MCR		4
#define LSR		5
#define LSR_THRE	0x20

#if CONFIG_LIBUKCONSOLE_NS16550_BAUD_9600
#define BAUD 9600
#elif CONFIG_LIBUKCONSOLE_NS16550_BAUD_19200
#define BAUD 19200
#elif CONFIG_LIBUKCONSOLE_NS16550_BAUD_38400
#define BAUD 38400
#elif CONFIG_LIBUKCONSOLE_NS16550_BAUD_57600
#define BAUD 57600
#else
#define BAUD 115200
#endif

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ __volatile__("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;

	__asm__ __volatile__("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static void ns16550_putc(struct uk_console *dev, char c)
{
	(void)dev;
	while (!(inb(PORT + LSR) & LSR_THRE))
		;
	outb(PORT + THR, (uint8_t)c);
}

static struct uk_console ns16550_dev = {
	.name = "ns16550",
	.putc = ns16550_putc,
};

static int ns16550_init(void)
{
	unsigned int div = 115200 / BAUD;

	outb(PORT + IER, 0x00);		/* no interrupts */
	outb(PORT + LCR, 0x80);		/* DLAB: set the divisor */
	outb(PORT + DLL, div & 0xff);
	outb(PORT + DLM, (div >> 8) & 0xff);
	outb(PORT + LCR, 0x03);		/* 8N1 */
	outb(PORT + FCR, 0xc7);		/* FIFO on, cleared */
	outb(PORT + MCR, 0x03);		/* DTR, RTS */
	uk_console_register(&ns16550_dev);
	/* start on a fresh line after the firmware's "Booting from ROM.." */
	ns16550_putc(&ns16550_dev, '\r');
	ns16550_putc(&ns16550_dev, '\n');
	return 0;
}
uk_early_initcall(ns16550_init);
