#!/usr/bin/python3
# The oracle for test/explain: kconfiglib's view of a configuration, as JSON facts per symbol.
#   kconfiglib-facts.py KCONFIG CONFIG|- OUT.json
# For every defined symbol: its type and value, the value of its direct dependency with the
# symbols of each false top-level `&&` term (after pushing `!` inwards, as the C tools' expression
# rewriting does), and the terms of `select` (rev_dep) and `imply` (weak_rev_dep) with the
# selecting symbol and the term's value. Runs in the current folder with the caller's environment.
import json
import sys

import kconfiglib
from kconfiglib import AND, OR, NOT, EQUAL, UNEQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL

# Linux 6.1 writes `modules` on its own line where kconfiglib 14.1 knows only `option modules`.
_tokenize = kconfiglib.Kconfig._tokenize


def _tokenize_modules(self, s):
    t = _tokenize(self, s)
    if len(t) >= 2 and t[0] is kconfiglib._T_MODULES and t[1] is None:
        return [kconfiglib._T_OPTION, kconfiglib._T_MODULES, None]
    return t


kconfiglib.Kconfig._tokenize = _tokenize_modules

FLIP = {EQUAL: UNEQUAL, UNEQUAL: EQUAL, LESS: GREATER_EQUAL, GREATER_EQUAL: LESS,
        LESS_EQUAL: GREATER, GREATER: LESS_EQUAL}


def nnf(e, neg=False):
    if isinstance(e, tuple):
        op = e[0]
        if op == AND or op == OR:
            op2 = op if not neg else (OR if op == AND else AND)
            return (op2, nnf(e[1], neg), nnf(e[2], neg))
        if op == NOT:
            return nnf(e[1], not neg)
        return (FLIP[op], e[1], e[2]) if neg else e
    return (NOT, e) if neg else e


def names(e):
    out = set()
    for it in kconfiglib.expr_items(e):
        if isinstance(it, kconfiglib.Choice):
            out.add('<choice>')
        elif not it.is_constant:
            out.add(it.name)
    return sorted(out)


def leftmost(e):
    while isinstance(e, tuple) and e[0] == AND:
        e = e[1]
    if isinstance(e, kconfiglib.Symbol) and not e.is_constant:
        return e.name
    return None


def rev_terms(e):
    out = []
    for t in kconfiglib.split_expr(e, OR):
        n = leftmost(t)
        if n is not None:
            out.append([n, 'nmy'[kconfiglib.expr_value(t)]])
    return sorted(out)


def main():
    kconfig, config, out = sys.argv[1:4]
    kconf = kconfiglib.Kconfig(kconfig, warn=False)
    if config != '-':
        kconf.load_config(config)
    facts = {}
    for sym in kconf.unique_defined_syms:
        dep = nnf(sym.direct_dep)
        dv = kconfiglib.expr_value(dep)
        false_terms = []
        if dv == 0:
            for t in kconfiglib.split_expr(dep, AND):
                if kconfiglib.expr_value(t) == 0:
                    false_terms.append(names(t))
        facts[sym.name] = {
            'type': kconfiglib.TYPE_TO_STR[sym.orig_type],
            'value': sym.str_value,
            'visible': 'nmy'[sym.visibility],
            'choice': sym.choice is not None,
            'direct': 'nmy'[dv],
            'falseTerms': sorted(false_terms),
            'selectedBy': rev_terms(sym.rev_dep),
            'impliedBy': rev_terms(sym.weak_rev_dep),
        }
    with open(out, 'w') as f:
        json.dump(facts, f)


main()
