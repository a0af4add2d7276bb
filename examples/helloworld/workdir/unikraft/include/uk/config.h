/* SPDX-License-Identifier: BSD-3-Clause */
/* The configuration as C macros: written by `conf --syncconfig` to
 * $(BUILD_DIR)/include/uk/bits/config.h. */
#ifndef __UK_CONFIG_H__
#define __UK_CONFIG_H__
#include <uk/bits/config.h>
#endif
