/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef __UK_ALLOC_H__
#define __UK_ALLOC_H__

#include <uk/essentials.h>

/* 16-byte aligned memory from a static heap, NULL when it is full */
void *uk_malloc(size_t size);
/* A bump allocator: memory is never given back */
void uk_free(void *ptr);
/* Prints "ukalloc: ..." heap statistics */
void uk_alloc_print_stats(void);

#endif
