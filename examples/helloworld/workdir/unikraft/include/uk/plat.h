/* SPDX-License-Identifier: BSD-3-Clause */
/* Between the platform (plat/) and the rest of the kernel */
#ifndef __UK_PLAT_H__
#define __UK_PLAT_H__

#include <uk/essentials.h>

/* Implemented by libukboot: called by the platform once it is set up */
__noreturn void ukplat_entry(int argc, char *argv[]);

/* Implemented by the platform: prints the final status line and powers the
 * machine off. status 0 means success. */
__noreturn void ukplat_terminate(int status);

#endif
