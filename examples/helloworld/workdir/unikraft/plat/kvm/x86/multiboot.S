/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Multiboot (v1) entry: the loader starts us in 32-bit protected mode with
 * paging off, EAX = 0x2BADB002 and EBX = the multiboot information. We clear
 * .bss, identity-map the first GiB with 2 MiB pages, switch to long mode and
 * call _ukplat_entry_multiboot(magic, mbinfo) in 64-bit C.
 */
#include <uk/config.h>

#define MULTIBOOT_MAGIC	0x1BADB002
#define MULTIBOOT_FLAGS	0x00000003	/* page-aligned modules, memory info */

#define STACK_SIZE	(4096 << CONFIG_STACK_SIZE_PAGE_ORDER)

.section .data.boot.multiboot, "a"
.align 4
multiboot_header:
	.long MULTIBOOT_MAGIC
	.long MULTIBOOT_FLAGS
	.long -(MULTIBOOT_MAGIC + MULTIBOOT_FLAGS)

.section .text.boot, "ax"
.code32
.globl _multiboot_entry
_multiboot_entry:
	cli
	cld
	movl	%eax, %ebp		/* keep magic and info pointer */
	movl	%ebx, %esi

	/* clear .bss (the stack lives there too) */
	movl	$__bss_start, %edi
	movl	$__bss_end, %ecx
	subl	%edi, %ecx
	xorl	%eax, %eax
	rep stosb

	/* PAE on, page tables, EFER.LME, then paging: long mode */
	movl	%cr4, %eax
	orl	$0x20, %eax
	movl	%eax, %cr4
	movl	$x86_pml4, %eax
	movl	%eax, %cr3
	movl	$0xc0000080, %ecx
	rdmsr
	orl	$0x100, %eax
	wrmsr
	movl	%cr0, %eax
	orl	$0x80000001, %eax
	movl	%eax, %cr0

	lgdt	gdt64_ptr
	ljmp	$0x08, $_long_entry

.code64
_long_entry:
	movw	$0x10, %ax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %ss
	movw	%ax, %fs
	movw	%ax, %gs
	movq	$__stack_top, %rsp
	movl	%ebp, %edi		/* zero-extended: magic */
	movl	%esi, %esi		/* zero-extended: info pointer */
	xorq	%rbp, %rbp		/* end of the frame pointer chain */
	call	_ukplat_entry_multiboot
1:	cli
	hlt
	jmp	1b

.section .data.boot.pagetables, "aw"
.align 4096
x86_pml4:
	.quad	x86_pdpt + 0x3		/* present, writable */
	.fill	511, 8, 0
x86_pdpt:
	.quad	x86_pd + 0x3
	.fill	511, 8, 0
x86_pd:					/* 512 x 2 MiB = 1 GiB, identity */
	.set	i, 0
	.rept	512
	.quad	(i << 21) | 0x83	/* present, writable, 2 MiB page */
	.set	i, i + 1
	.endr

.align 16
gdt64:
	.quad	0
	.quad	0x00af9a000000ffff	/* 0x08: 64-bit code */
	.quad	0x00cf92000000ffff	/* 0x10: data */
gdt64_end:
gdt64_ptr:
	.word	gdt64_end - gdt64 - 1
	.long	gdt64

.section .bss.stack, "aw", @nobits
.align 16
__stack_bottom:
	.space	STACK_SIZE
.globl __stack_top
__stack_top:

.section .note.GNU-stack, "", @progbits
