/* SPDX-License-Identifier: BSD-3-Clause */
#include <uk/config.h>
#include <string.h>
#include <stdio.h>
#include <frame.h>

#define PAD CONFIG_LIBFRAME_PADDING

static void border(size_t inner)
{
	const char *corner = CONFIG_LIBFRAME_CORNER;

	if (!*corner)
		corner = "+";
	printf("%s", corner);
	while (inner--)
		printf("-");
	printf("%s\n", corner);
}

void frame_print(const char *const lines[], unsigned int count)
{
	size_t width = 0;
	unsigned int i;

	for (i = 0; i < count; i++)
		if (strlen(lines[i]) > width)
			width = strlen(lines[i]);
	border(width + 2 * PAD);
	for (i = 0; i < count; i++)
		printf("|%*s%-*s%*s|\n", PAD, "", (int)width, lines[i], PAD, "");
	border(width + 2 * PAD);
}
