/** Exit codes, a contract (README and `--help`): 0 ok, 1 findings about the content, 2 usage/config/environment/internal failure. */
export type ExitCode = 0 | 1 | 2;
