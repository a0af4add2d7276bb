/* SPDX-License-Identifier: BSD-3-Clause */
#include <uk/config.h>
#include <uk/random.h>
#include <uk/print.h>
#include <uk/init.h>

static uint64_t state;

#if CONFIG_LIBUKRANDOM_SOURCE_CPU
#if CONFIG_ARCH_X86_64
/* RDSEED, like Unikraft's x86 HWRNG. QEMU's emulated CPU (TCG) lacks it. */
static int cpu_seed(uint64_t *seed)
{
	uint32_t eax = 7, ebx, ecx = 0, edx;
	unsigned char ok;
	int tries;

	__asm__ __volatile__("cpuid"
			     : "+a"(eax), "=b"(ebx), "+c"(ecx), "=d"(edx));
	if (!(ebx & (1U << 18)))
		return -1;
	for (tries = 0; tries < 100; tries++) {
		__asm__ __volatile__("rdseed %0; setc %1"
				     : "=r"(*seed), "=qm"(ok));
		if (ok)
			return 0;
	}
	return -1;
}
#elif CONFIG_ARCH_ARM_64
/* RNDR (FEAT_RNG): ID_AA64ISAR0_EL1.RNDR, bits [63:60] */
static int cpu_seed(uint64_t *seed)
{
	uint64_t isar0, ok;
	int tries;

	__asm__ __volatile__("mrs %0, id_aa64isar0_el1" : "=r"(isar0));
	if (!(isar0 >> 60))
		return -1;
	for (tries = 0; tries < 100; tries++) {
		__asm__ __volatile__("mrs %0, s3_3_c2_c4_0\n\t"
				     "cset %1, ne"
				     : "=r"(*seed), "=r"(ok) : : "cc");
		if (ok)
			return 0;
	}
	return -1;
}
#endif
#endif

static int uk_random_init(void)
{
#if CONFIG_LIBUKRANDOM_SOURCE_FIXED
	state = CONFIG_LIBUKRANDOM_SEED;
	uk_pr_warn("Fixed seed 0x%lx: random numbers are predictable\n",
		   (unsigned long)state);
#else
	if (cpu_seed(&state) < 0) {
		uk_pr_crit("Could not initialize the HWRNG\n");
		return -1;
	}
	uk_pr_info("Seeded from the CPU's random number generator\n");
#endif
	if (!state)
		state = 1;
	return 0;
}
uk_lib_initcall(uk_random_init);

uint32_t uk_random_u32(void)
{
	/* xorshift64* */
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return (uint32_t)((state * 0x2545F4914F6CDD1DULL) >> 32);
}
