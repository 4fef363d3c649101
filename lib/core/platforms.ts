/** The shops we read, without zod (lib/model.ts builds PlatformSchema from this list): pages can check a platform without loading the validator. */
export const PLATFORMS = ['jd', 'taobao', 'tmall', 'douyin', 'pdd', 'generic'] as const;
export type PlatformId = (typeof PLATFORMS)[number];

export function isPlatform(v: string): v is PlatformId {
  return (PLATFORMS as readonly string[]).includes(v);
}
