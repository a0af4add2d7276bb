/* SPDX-License-Identifier: BSD-3-Clause */
#include <uk/config.h>
#include <uk/plat.h>
#include <uk/init.h>
#include <uk/print.h>
#include <stdio.h>

#define FDT_MAGIC		0xd00dfeed
#define PSCI_SYSTEM_OFF		0x84000008

static const void *dtb;

static inline uint32_t be32(const void *p)
{
	const unsigned char *b = p;

	return ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) |
	       ((uint32_t)b[2] << 8) | b[3];
}

static char *argv[] = { CONFIG_UK_NAME, NULL };

void _ukplat_entry_lxboot(const void *fdt)
{
	dtb = fdt;
	ukplat_entry(1, argv);
}

#if CONFIG_UKPLAT_BOOTINFO
static int bootinfo_print(void)
{
	if (dtb && be32(dtb) == FDT_MAGIC)
		uk_pr_info("Device tree at %p, %u bytes\n", dtb,
			   be32((const char *)dtb + 4));
	else
		uk_pr_warn("No device tree (x0 = %p)\n", dtb);
	return 0;
}
uk_plat_initcall(bootinfo_print);
#endif

void _ukplat_exception(uint64_t esr, uint64_t elr, uint64_t far)
{
	printf("kvmplat: unhandled exception: ESR 0x%lx at 0x%lx (FAR 0x%lx)\n",
	       (unsigned long)esr, (unsigned long)elr, (unsigned long)far);
	ukplat_terminate(-1);
}

void ukplat_terminate(int status)
{
	printf("kvmplat: power off (status %d)\n", status);
	/* PSCI SYSTEM_OFF through the hypervisor call conduit of QEMU's virt
	 * machine (EL1 guest): QEMU exits with 0 */
	__asm__ __volatile__("mov x0, %0\n\t"
			     "hvc #0"
			     : : "r"((uint64_t)PSCI_SYSTEM_OFF)
			     : "x0", "x1", "x2", "x3", "memory");
	for (;;)
		__asm__ __volatile__("wfi");
}
