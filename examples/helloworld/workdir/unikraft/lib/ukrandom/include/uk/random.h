/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef __UK_RANDOM_H__
#define __UK_RANDOM_H__

#include <uk/essentials.h>

/* A pseudo-random number, seeded at boot from the CPU (or a fixed seed) */
uint32_t uk_random_u32(void);

#endif
