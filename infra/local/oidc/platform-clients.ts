import { z } from 'zod';

const PlatformClient = z.strictObject({
  clientId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
  clientSecret: z.string().min(16),
  name: z.string().min(1).max(100),
});
export type PlatformClient = z.infer<typeof PlatformClient>;

/** Government-platform systems allowed OAuth 2.0 client credentials: `PLATFORM_CLIENTS` (JSON), none when unset. */
export function platformClientsFromEnv(env: NodeJS.ProcessEnv): PlatformClient[] {
  const raw = env.PLATFORM_CLIENTS?.trim();
  return raw ? z.array(PlatformClient).parse(JSON.parse(raw)) : [];
}
