/** For the actions mocks (components/<page>/actions.mock.ts): a small grey image naming the evidence it stands for. */
export function mockImage(evidenceId: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="#ddd"/><text x="4" y="36" font-size="10">${evidenceId}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}
