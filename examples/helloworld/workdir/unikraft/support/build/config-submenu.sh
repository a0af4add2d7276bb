#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
#
# Writes a Kconfig file that sources the Config.uk of a list of library
# folders, for the `source "$(shell,...config-submenu.sh ...)"` lines of the
# top Config.uk. Same options and output as Unikraft's script of this name:
#
#   -q          quiet: no warnings on stderr
#   -o FILE     write FILE (and print its absolute path) instead of stdout
#   -r DIR      add every sub-folder DIR/*/ (in glob order)
#   -l DIR      add DIR itself
#   -c A:B:...  add each folder of a colon-separated list
#   -e A:B:...  skip these folders (a "# Skipped excluded" line is written)
#   -t TITLE    wrap the list in menu "TITLE" ... endmenu
#   remaining arguments: more folders to add
#
# Folders without a Config.uk are left out. Each entry becomes
#   source "<absolute path of DIR/Config.uk>"
# POSIX sh; folder names must not contain newlines.

NL='
'

usage()
{
	echo "Usage: $0 [-q] [-o FILE] [-t TITLE] [-r DIR] [-l DIR] [-c DIR:DIR...] [-e DIR:DIR...] [DIR]..."
	echo "Writes a Kconfig file that sources DIR/Config.uk for each library folder."
}

quiet=0
out=
title=
menu=0
paths=
excludes=

# add_path DIR: append DIR to the newline-separated list of candidate folders
add_path()
{
	paths="$paths$1$NL"
}

# add_list A:B:...: append every non-empty element of a colon-separated list
# to the variable named $1
add_list()
{
	_var=$1
	_rest=$2
	while [ -n "$_rest" ]; do
		case "$_rest" in
		*:*)	_item=${_rest%%:*}; _rest=${_rest#*:} ;;
		*)	_item=$_rest; _rest= ;;
		esac
		if [ -n "$_item" ]; then
			eval "_old=\$$_var"
			eval "$_var=\"\$_old\$_item\$NL\""
		fi
	done
}

while getopts :hqt:l:r:c:e:o: opt; do
	case $opt in
	h)	usage; exit 0 ;;
	q)	quiet=1 ;;
	t)	title=$OPTARG; menu=1 ;;
	l)	add_path "$OPTARG" ;;
	r)	if [ -n "$OPTARG" ]; then
			for d in "$OPTARG"/*; do
				[ -d "$d" ] && add_path "$d"
			done
		fi ;;
	c)	add_list paths "$OPTARG" ;;
	e)	add_list excludes "$OPTARG" ;;
	o)	out=$OPTARG ;;
	\?)	echo "Unrecognized option -$OPTARG" >&2; usage >&2; exit 1 ;;
	:)	echo "Option -$OPTARG needs an argument" >&2; usage >&2; exit 1 ;;
	esac
done
shift $((OPTIND - 1))
for d in "$@"; do
	add_path "$d"
done

if [ -n "$out" ]; then
	if [ -e "$out" ] && [ ! -f "$out" ]; then
		echo "$out already exists but is not a regular file" >&2
		exit 2
	fi
	rm -f "$out"
	if ! : > "$out"; then
		echo "Failed to open $out as output file" >&2
		exit 1
	fi
	exec 7>>"$out"
	printf '# Auto generated file. DO NOT EDIT\n' >&7
else
	exec 7>&1
fi

# Pick the folders that have a Config.uk and are not excluded.
libs=
oldifs=$IFS
IFS=$NL
for p in $paths; do
	IFS=$oldifs
	p=${p%/}
	if [ ! -f "$p/Config.uk" ]; then
		[ $quiet -eq 0 ] && echo "Could not find \"Config.uk\" under \"$p\". Skipping..." >&2
		IFS=$NL
		continue
	fi
	skip=0
	IFS=$NL
	for e in $excludes; do
		if [ "$p" = "$e" ]; then
			[ $quiet -eq 0 ] && echo "Skipping excluded \"$p\"..." >&2
			printf '# Skipped excluded "%s"\n' "$p" >&7
			skip=1
			break
		fi
	done
	[ $skip -eq 0 ] && libs="$libs$p$NL"
done
IFS=$oldifs

[ $menu -eq 1 ] && printf 'menu "%s"\n' "$title" >&7
IFS=$NL
for l in $libs; do
	IFS=$oldifs
	printf 'source "%s"\n' "$(readlink -f "$l/Config.uk")" >&7
	IFS=$NL
done
IFS=$oldifs
[ $menu -eq 1 ] && printf 'endmenu\n' >&7

if [ -n "$out" ]; then
	exec 7>&-
	printf '%s\n' "$(readlink -f "$out")"
fi
exit 0
