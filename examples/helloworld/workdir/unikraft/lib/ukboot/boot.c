/* SPDX-License-Identifier: BSD-3-Clause */
#include <uk/config.h>
#include <uk/plat.h>
#include <uk/init.h>
#include <uk/print.h>
#include <stdio.h>
#if CONFIG_LIBUKALLOC_STATS
#include <uk/alloc.h>
#endif

int main(int argc, char *argv[]);

static void print_banner(void)
{
#if CONFIG_LIBUKBOOT_BANNER_POWEREDBY
	printf("Powered by ukmenu's mini Unikraft " UK_FULLVERSION
	       " (" UK_CODENAME ")\n");
#elif CONFIG_LIBUKBOOT_BANNER_CLASSIC
	printf(".----------------------------------.\n"
	       "|  mini Unikraft for ukmenu        |\n"
	       "|  %-10s  %-19s |\n"
	       "'----------------------------------'\n",
	       UK_FULLVERSION, UK_CODENAME);
#endif
}

void ukplat_entry(int argc, char *argv[])
{
	const uk_init_func_t *fn;
	int ret;

	for (fn = __uk_inittab_start; fn < __uk_inittab_end; fn++) {
		ret = (*fn)();
		if (ret < 0) {
			uk_pr_crit("Init function at %p returned error %d\n",
				   (void *)*fn, ret);
			ukplat_terminate(ret);
		}
	}

	print_banner();
#if CONFIG_LIBUKBOOT_MAIN_INFO
	uk_pr_info("Calling main(%d, [\"%s\"])\n", argc, argv[0]);
#endif
	ret = main(argc, argv);
#if CONFIG_LIBUKBOOT_MAIN_INFO
	uk_pr_info("main returned %d\n", ret);
#endif
#if CONFIG_LIBUKALLOC_STATS
	uk_alloc_print_stats();
#endif
	ukplat_terminate(ret);
}
