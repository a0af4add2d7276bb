/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * arm64 Linux Image header and entry. QEMU loads the Image at
 * RAM + text_offset and enters at EL1 with the MMU off and x0 = device tree.
 */
#include <uk/config.h>

#define STACK_SIZE	(4096 << CONFIG_STACK_SIZE_PAGE_ORDER)

.section .text.boot, "ax"
.globl _head
_head:
	b	_lxboot_entry		/* code0 */
	.long	0			/* code1 */
	.quad	0x80000			/* text_offset */
	.quad	_image_size		/* image_size, .bss included */
	.quad	0x2			/* flags: little endian, 4K pages */
	.quad	0			/* res2 */
	.quad	0			/* res3 */
	.quad	0			/* res4 */
	.long	0x644d5241		/* magic: "ARM\x64" */
	.long	0			/* res5 */

_lxboot_entry:
	mov	x19, x0			/* device tree */

	/* clear .bss (the stack lives there too) */
	adrp	x1, __bss_start
	add	x1, x1, :lo12:__bss_start
	adrp	x2, __bss_end
	add	x2, x2, :lo12:__bss_end
1:	cmp	x1, x2
	b.hs	2f
	str	xzr, [x1], #8
	b	1b
2:
	adrp	x1, __stack_top
	add	x1, x1, :lo12:__stack_top
	mov	sp, x1

	adrp	x1, _vectors
	add	x1, x1, :lo12:_vectors
	msr	vbar_el1, x1
	isb

	mov	x29, xzr		/* end of the frame pointer chain */
	mov	x30, xzr
	mov	x0, x19
	bl	_ukplat_entry_lxboot
3:	wfi
	b	3b

/* Every exception is fatal: report it and power off */
.macro vector
	.align 7
	mrs	x0, esr_el1
	mrs	x1, elr_el1
	mrs	x2, far_el1
	b	_ukplat_exception
.endm

.align 11
_vectors:
	.rept 16
	vector
	.endr

.section .bss.stack, "aw", %nobits
.align 16
__stack_bottom:
	.space	STACK_SIZE
.globl __stack_top
__stack_top:

.section .note.GNU-stack, "", %progbits
