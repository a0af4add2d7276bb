/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef __FRAME_H__
#define __FRAME_H__

/* Prints the lines inside an ASCII box */
void frame_print(const char *const lines[], unsigned int count);

#endif
