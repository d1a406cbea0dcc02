// At start: SSH keys sealed by an older release (one SHA-256 of VIRTDECK_SECRET, or the key
// file's bytes as the key) are sealed again with the derived key, so old boxes do not linger.
import { db } from "@/lib/db/client";
import { isLegacySeal, open, seal } from "./box";

export async function resealLegacySecrets(): Promise<number> {
  const keys = await db.sshKey.findMany({ select: { id: true, encryptedKey: true } });
  const legacy = keys.filter((k) => isLegacySeal(k.encryptedKey));
  for (const k of legacy)
    await db.sshKey.update({
      where: { id: k.id },
      data: { encryptedKey: seal(open(k.encryptedKey)) },
    });
  return legacy.length;
}
