/* SPDX-License-Identifier: BSD-3-Clause */
#include <uk/config.h>
#include <uk/alloc.h>
#include <uk/print.h>
#include <stdio.h>

static unsigned char heap[CONFIG_LIBUKALLOC_HEAP_SIZE * 1024UL]
	__attribute__((aligned(16)));
static size_t used;
static unsigned long count;

void *uk_malloc(size_t size)
{
	void *p;

	size = ALIGN_UP(size, 16);
	if (size > sizeof(heap) - used) {
		uk_pr_err("Out of memory: %zu bytes wanted, %zu free\n",
			  size, sizeof(heap) - used);
		return NULL;
	}
	p = &heap[used];
	used += size;
	count++;
	return p;
}

void uk_free(void *ptr)
{
	(void)ptr;
}

void uk_alloc_print_stats(void)
{
	printf("ukalloc: %u KiB heap, %zu bytes in %lu allocations\n",
	       (unsigned int)CONFIG_LIBUKALLOC_HEAP_SIZE, used, count);
}
