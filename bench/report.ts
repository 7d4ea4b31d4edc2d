export function printReport(report: unknown): void {
  console.log(JSON.stringify(report, null, 2));
}
export async function writeReport(_report: unknown): Promise<void> {}
