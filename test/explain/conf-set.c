// SPDX-License-Identifier: GPL-2.0
/*
 * conf-set: what the C menuconfig does with a user's edits, without the dialog: conf_parse(KCONFIG),
 * conf_read(IN) (mconf's conf_read at start), then for each NAME=VALUE sym_set_string_value, the
 * call behind every value the user sets in mconf (y/m/n on a bool or tristate, a number, a string),
 * then conf_write(OUT) (mconf's save). Built against Linux 6.1's and Unikraft's (v5.2) kconfig
 * sources by build-conf-set.sh; the reference for menu edits made through KconfigTree.
 *
 * Usage: conf-set KCONFIG IN OUT [NAME=VALUE]...
 * NAME @MEMBER is the choice MEMBER belongs to (choices have no name): VALUE is its mode, set with
 * sym_set_tristate_value as mconf does on a choice's `[ ]`/`< >` line.
 * Exit 0; 2 when a value is refused (unknown symbol, or sym_set_string_value returns false), the
 * NAME on stderr; 1 when conf_write fails.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lkc.h"

int main(int ac, char **av)
{
	int i;

	if (ac < 4) {
		fprintf(stderr, "usage: conf-set KCONFIG IN OUT [NAME=VALUE]...\n");
		return 1;
	}
	conf_parse(av[1]);
	conf_read(av[2]);
	for (i = 4; i < ac; i++) {
		char *eq = strchr(av[i], '=');
		struct symbol *sym;

		if (!eq) {
			fprintf(stderr, "conf-set: %s: no '='\n", av[i]);
			return 1;
		}
		*eq = 0;
		if (av[i][0] == '@') {
			sym = sym_find(av[i] + 1);
			if (sym && sym_is_choice_value(sym))
				sym = prop_get_symbol(sym_get_choice_prop(sym));
			else
				sym = NULL;
		} else
			sym = sym_find(av[i]);
		/* mconf sets only what it has just shown: the symbol's value, visibility and
		 * select floor are up to date (sym_set_* reads them without recomputing) */
		if (sym)
			sym_calc_value(sym);
		if (!sym || !sym_set_string_value(sym, eq + 1)) {
			fprintf(stderr, "conf-set: refused %s=%s\n", av[i], eq + 1);
			return 2;
		}
		/* CONF_SET_EAGER: a menu that shows every value after each change (ukmenu's) evaluates
		 * every symbol then, not only what the next edit reads */
		if (getenv("CONF_SET_EAGER")) {
			struct symbol *s;
			int j;

			for_all_symbols(j, s)
				sym_calc_value(s);
		}
	}
	return conf_write(av[3]) ? 1 : 0;
}
