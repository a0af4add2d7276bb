/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef __GREET_H__
#define __GREET_H__

/* "<greeting>, <name>!" in the configured language, allocated with
 * uk_malloc() */
const char *greet(const char *name);

#endif
