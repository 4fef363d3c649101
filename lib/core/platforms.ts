/** The shops we read, without zod (lib/model.ts builds PlatformSchema from this list): pages can check a platform without loading the validator. */
export const PLATFORMS = ['jd', 'taobao', 'tmall', 'douyin', 'pdd', 'generic'] as const;
export type PlatformId = (typeof PLATFORMS)[number];

/** Each shop's Chinese name, for captions burned into records (empty for a schema.org shop of no name we know). */
export const PLATFORM_ZH: Record<PlatformId, string> = {
  jd: '京东',
  taobao: '淘宝',
  tmall: '天猫',
  douyin: '抖音',
  pdd: '拼多多',
  generic: '',
};

export function isPlatform(v: string): v is PlatformId {
  return (PLATFORMS as readonly string[]).includes(v);
}
