/* SPDX-License-Identifier: BSD-3-Clause */
#include <uk/config.h>
#include <uk/plat.h>
#include <uk/init.h>
#include <uk/print.h>
#include <stdio.h>

#define MULTIBOOT_BOOTLOADER_MAGIC	0x2BADB002
#define MULTIBOOT_INFO_MEMORY		0x00000001

struct multiboot_info {
	uint32_t flags;
	uint32_t mem_lower;	/* KiB below 1 MiB */
	uint32_t mem_upper;	/* KiB above 1 MiB */
	/* more fields follow that we do not use */
};

static uint32_t boot_magic;
static uint32_t mem_upper_kib;

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ __volatile__("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outw(uint16_t port, uint16_t v)
{
	__asm__ __volatile__("outw %0, %1" : : "a"(v), "Nd"(port));
}

static char *argv[] = { CONFIG_UK_NAME, NULL };

void _ukplat_entry_multiboot(uint32_t magic, uint32_t info_addr)
{
	const struct multiboot_info *mi =
		(const struct multiboot_info *)(uintptr_t)info_addr;

	boot_magic = magic;
	if (magic == MULTIBOOT_BOOTLOADER_MAGIC &&
	    (mi->flags & MULTIBOOT_INFO_MEMORY))
		mem_upper_kib = mi->mem_upper;
	ukplat_entry(1, argv);
}

#if CONFIG_UKPLAT_BOOTINFO
static int bootinfo_print(void)
{
	if (boot_magic != MULTIBOOT_BOOTLOADER_MAGIC)
		uk_pr_warn("Not started by a multiboot loader (magic 0x%x)\n",
			   boot_magic);
	else
		uk_pr_info("Multiboot: %u KiB of memory above 1 MiB\n",
			   mem_upper_kib);
	return 0;
}
uk_plat_initcall(bootinfo_print);
#endif

void ukplat_terminate(int status)
{
	printf("kvmplat: power off (status %d)\n", status);
#if CONFIG_KVM_DEBUG_EXIT
	/* QEMU exits with (value << 1) | 1: 33 for success, 35 for failure */
	outb(CONFIG_KVM_DEBUG_EXIT_IOPORT, status == 0 ? 0x10 : 0x11);
#endif
	/* ACPI S5 (soft off) for QEMU's q35 and i440fx machines */
	outw(0x604, 0x2000);
	outw(0xb004, 0x2000);
	for (;;)
		__asm__ __volatile__("cli; hlt");
}
