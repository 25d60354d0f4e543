/** A valid resident ID: GB 11643 check character over the given 17 digits (random sequence digits unless told). */
export function residentId(birthDate = '19900101', district = '120104', seq?: number): string {
  const body = `${district}${birthDate.replace(/-/g, '')}${String(seq ?? Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * w[i]!, 0);
  return body + '10X98765432'[sum % 11];
}
