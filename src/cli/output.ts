// Writing results to stdout (files: see document.ts).


export function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}
