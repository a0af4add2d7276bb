/* SPDX-License-Identifier: BSD-3-Clause */
/* Arm PL011 UART, output only */
#include <uk/config.h>
#include <uk/console.h>
#include <uk/init.h>

#define BASE		((uintptr_t)CONFIG_LIBUKCONSOLE_PL011_BASE)
#define REG(off)	(*(volatile uint32_t *)(BASE + (off)))
#define DR		0x00
#define FR		0x18
#define IBRD		0x24
#define FBRD		0x28
#define LCR_H		0x2c
#define CR		0x30
#define IMSC		0x38
#define FR_TXFF		(1U << 5)

static void pl011_putc(struct uk_console *dev, char c)
{
	(void)dev;
	while (REG(FR) & FR_TXFF)
		;
	REG(DR) = (uint32_t)(unsigned char)c;
}

static struct uk_console pl011_dev = {
	.name = "pl011",
	.putc = pl011_putc,
};

static int pl011_init(void)
{
	/* divisor = clock / (16 * baud), 6 fraction bits */
	uint64_t div64 = ((uint64_t)CONFIG_LIBUKCONSOLE_PL011_CLOCK * 4
			  + CONFIG_LIBUKCONSOLE_PL011_BAUD / 2)
			 / CONFIG_LIBUKCONSOLE_PL011_BAUD;

	REG(CR) = 0;			/* off while we set it up */
	REG(IMSC) = 0;			/* no interrupts */
	REG(IBRD) = (uint32_t)(div64 >> 6);
	REG(FBRD) = (uint32_t)(div64 & 0x3f);
	REG(LCR_H) = (3U << 5) | (1U << 4);	/* 8N1, FIFO */
	REG(CR) = (1U << 0) | (1U << 8) | (1U << 9);	/* UART, TX, RX */
	uk_console_register(&pl011_dev);
	return 0;
}
uk_early_initcall(pl011_init);
