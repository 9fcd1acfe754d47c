/**
 * Runs a command-line program to its exit code; a thrown error prints "Failed: …" and exits 1.
 * `process.exit`, because a database client or a timer left open must not keep the program alive.
 */
export function runCommandLine(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`Failed: ${error.message}`);
      process.exit(1);
    },
  );
}
