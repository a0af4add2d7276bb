// SPDX-License-Identifier: GPL-2.0
/*
 * conf-batch: runs many invocations of the C `conf` (compiled from Linux's conf.c with
 * -Dmain=conf_main) without one exec per run. For every job the driver forks; the child
 * chdir()s, replaces its whole environment, redirects stdin from /dev/null and stdout/stderr
 * to files, calls conf_main(argc, argv) and exits with its return value. The child starts
 * from the driver's pristine state (no Kconfig was ever parsed in the driver), so each run
 * behaves exactly like a fresh `conf` process.
 *
 * Usage: conf-batch [-j N] [-t SECONDS] [-p [-T SECONDS]] JOBFILE
 * -p (shared parse): every job has the same environment and Kconfig file, and the tree's
 * $(shell,...) commands neither read nor leave anything in the run folder. The driver then parses
 * the tree once (conf_parse, with the first job's environment, in the job file's folder, its
 * stdout and stderr kept) and each job forks from that parsed state: conf_main's call of
 * conf_parse (conf.c is compiled with -Dconf_parse=conf_parse_shared) writes the kept output and
 * returns. What a job sees is what a fresh conf sees: parsing depends only on the files, the
 * environment and the commands' output. If the parse fails (conf_parse exits) the driver exits
 * with 3 before running any job: run the jobs without -p (they then report the error themselves).
 * -T: seconds before the shared parse is stopped by SIGALRM (default: -t's).
 * JOBFILE: a sequence of jobs, each a list of NUL-terminated strings:
 *   flags, cwd, stdout path, stderr path, N_ENV, env entries (NAME=VALUE) x N_ENV, N_ARGV, argv x N_ARGV
 * flags: "b" buffers conf's stderr fully (much faster when conf loops printing warnings; only
 * safe when no child process of conf, i.e. no $(shell,...), writes to stderr: the order of
 * conf's and the child's writes would change), "" otherwise.
 *   (argv includes argv[0]). Relative output paths are relative to the driver's cwd.
 * Prints one line per finished job to stdout: "<job index> <status>", where status is the exit
 * code, or "sig<N>" if the run was killed by a signal (SIGALRM after -t seconds, default 10,
 * SIGXFSZ after 1 MiB of output: conf can loop forever).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int conf_main(int ac, char **av);
void conf_parse(const char *name);

/* -p: the parsed tree (its Kconfig file name) and what parsing wrote, replayed by each job */
static const char *shared_name;
static char *shared_out, *shared_err;
static size_t shared_out_len, shared_err_len;
static int parsing;

void conf_parse_shared(const char *name)
{
	if (shared_name && !strcmp(name, shared_name)) {
		fwrite(shared_out, 1, shared_out_len, stdout);
		fwrite(shared_err, 1, shared_err_len, stderr);
		return;
	}
	conf_parse(name);
}

struct job {
	char *flags, *cwd, *out, *err;
	char **env;
	char **argv;
	int argc;
};

static char *buf;
static unsigned int alarm_seconds = 10, parse_alarm_seconds;
static size_t buflen, pos;

static char *next_str(void)
{
	char *s;

	if (pos >= buflen) {
		fprintf(stderr, "conf-batch: truncated job file\n");
		exit(2);
	}
	s = buf + pos;
	pos += strlen(s) + 1;
	return s;
}

static int read_job(struct job *j)
{
	int n, i;

	if (pos >= buflen)
		return 0;
	j->flags = next_str();
	j->cwd = next_str();
	j->out = next_str();
	j->err = next_str();
	n = atoi(next_str());
	j->env = calloc(n + 1, sizeof(char *));
	for (i = 0; i < n; i++)
		j->env[i] = next_str();
	n = atoi(next_str());
	j->argv = calloc(n + 1, sizeof(char *));
	for (i = 0; i < n; i++)
		j->argv[i] = next_str();
	j->argc = n;
	return 1;
}

static void run_child(struct job *j)
{
	int fd;

	fd = open("/dev/null", O_RDONLY);
	if (fd < 0 || dup2(fd, 0) < 0)
		_exit(120);
	close(fd);
	fd = open(j->out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || dup2(fd, 1) < 0)
		_exit(121);
	close(fd);
	fd = open(j->err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || dup2(fd, 2) < 0)
		_exit(122);
	close(fd);
	if (chdir(j->cwd)) {
		perror(j->cwd);
		_exit(123);
	}
	environ = j->env;
	/*
	 * conf can loop forever (e.g. syncconfig's choice dialog with stdin at EOF, when the
	 * current choice value is not among the visible values): cap time and output size.
	 */
	{
		struct rlimit rl = { 1 << 20, 1 << 20 }, none = { 0, 0 };
		setrlimit(RLIMIT_FSIZE, &rl);
		setrlimit(RLIMIT_CORE, &none);
	}
	alarm(alarm_seconds);
	/*
	 * stdout and stderr go to separate files, so their interleaving does not matter: on request,
	 * buffer stderr fully (exit() flushes it) instead of one write() per fprintf.
	 */
	if (strchr(j->flags, 'b'))
		setvbuf(stderr, NULL, _IOFBF, 1 << 16);
	exit(conf_main(j->argc, j->argv));
}

static char *read_all(const char *path, size_t *len)
{
	struct stat st;
	char *b;
	FILE *f = fopen(path, "rb");

	if (!f || fstat(fileno(f), &st))
		return NULL;
	b = malloc(st.st_size + 1);
	*len = fread(b, 1, st.st_size, f);
	fclose(f);
	return b;
}

/* conf_parse exits on a broken tree: say so with exit code 3 (atexit runs inside its exit()) */
static void parse_failed(void)
{
	if (parsing)
		_exit(3);
}

/*
 * -p: parses the first job's tree here, in the folder of the job file, with its environment,
 * stdout and stderr going to files next to the job file (then kept in memory).
 */
static void parse_shared(const char *jobfile)
{
	struct job j;
	size_t save = pos, n;
	char dir[4096], out[4200], err[4200];
	char *slash;
	int saved1, saved2, fd1, fd2;

	if (!read_job(&j) || j.argc < 2) {
		fprintf(stderr, "conf-batch: -p needs a job\n");
		exit(2);
	}
	pos = save;
	snprintf(dir, sizeof(dir), "%s", jobfile);
	slash = strrchr(dir, '/');
	if (slash)
		*slash = 0;
	else
		strcpy(dir, ".");
	snprintf(out, sizeof(out), "%s/parse.out", dir);
	snprintf(err, sizeof(err), "%s/parse.err", dir);
	fflush(stdout);
	fflush(stderr);
	saved1 = dup(1);
	saved2 = dup(2);
	fd1 = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	fd2 = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (saved1 < 0 || saved2 < 0 || fd1 < 0 || fd2 < 0 || dup2(fd1, 1) < 0 || dup2(fd2, 2) < 0 || chdir(dir)) {
		perror("conf-batch -p");
		exit(2);
	}
	close(fd1);
	close(fd2);
	environ = j.env;
	shared_name = j.argv[j.argc - 1];
	parsing = 1;
	atexit(parse_failed);
	/* a parse that hangs kills the driver: the caller then runs without -p */
	alarm(parse_alarm_seconds ? parse_alarm_seconds : alarm_seconds);
	conf_parse(shared_name);
	alarm(0);
	parsing = 0;
	fflush(stdout);
	fflush(stderr);
	dup2(saved1, 1);
	dup2(saved2, 2);
	close(saved1);
	close(saved2);
	shared_out = read_all(out, &shared_out_len);
	shared_err = read_all(err, &n);
	shared_err_len = n;
	if (!shared_out || !shared_err) {
		perror("conf-batch -p: reading the parse output");
		exit(2);
	}
	/* j.env and j.argv point into the job file buffer (kept); only the arrays are ours */
}

int main(int ac, char **av)
{
	int jobs = 1, running = 0, index = 0, status;
	struct stat st;
	FILE *f;
	pid_t *pids;
	int *ids;
	struct job j;
	int shared = 0;

	/* no getopt() here: conf_main must see getopt's pristine state */
	{
		int i = 1;

		for (; i + 1 < ac && av[i][0] == '-'; i += 2) {
			if (!strcmp(av[i], "-p")) {
				shared = 1;
				i--;
			} else if (!strcmp(av[i], "-j"))
				jobs = atoi(av[i + 1]) > 0 ? atoi(av[i + 1]) : 1;
			else if (!strcmp(av[i], "-T"))
				parse_alarm_seconds = atoi(av[i + 1]) > 0 ? atoi(av[i + 1]) : 0;
			else if (!strcmp(av[i], "-t"))
				alarm_seconds = atoi(av[i + 1]) > 0 ? atoi(av[i + 1]) : 10;
			else
				break;
		}
		if (i != ac - 1) {
			fprintf(stderr, "usage: conf-batch [-j N] [-t SECONDS] [-p [-T SECONDS]] JOBFILE\n");
			return 2;
		}
	}

	f = fopen(av[ac - 1], "rb");
	if (!f || fstat(fileno(f), &st)) {
		perror(av[ac - 1]);
		return 2;
	}
	buflen = st.st_size;
	buf = malloc(buflen + 1);
	if (buflen && fread(buf, 1, buflen, f) != buflen) {
		perror("fread");
		return 2;
	}
	buf[buflen] = 0;
	fclose(f);

	pids = calloc(jobs, sizeof(pid_t));
	ids = calloc(jobs, sizeof(int));
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (shared)
		parse_shared(av[ac - 1]);

	for (;;) {
		int have = 0;

		while (running < jobs && (have = read_job(&j))) {
			pid_t pid;
			int slot;

			fflush(stdout);
			fflush(stderr);
			pid = fork();
			if (pid < 0) {
				perror("fork");
				return 2;
			}
			if (pid == 0)
				run_child(&j);
			for (slot = 0; pids[slot]; slot++)
				;
			pids[slot] = pid;
			ids[slot] = index++;
			running++;
			free(j.env);
			free(j.argv);
		}
		if (!running)
			break;
		{
			pid_t pid = wait(&status);
			int slot;

			if (pid < 0) {
				if (errno == EINTR)
					continue;
				perror("wait");
				return 2;
			}
			for (slot = 0; slot < jobs && pids[slot] != pid; slot++)
				;
			if (slot == jobs)
				continue;
			if (WIFEXITED(status))
				printf("%d %d\n", ids[slot], WEXITSTATUS(status));
			else
				printf("%d sig%d\n", ids[slot], WTERMSIG(status));
			pids[slot] = 0;
			running--;
		}
	}
	return 0;
}
