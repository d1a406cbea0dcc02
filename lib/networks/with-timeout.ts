// Pages never hang on a host that is connected but stops answering: live reads get a short limit.
import { AppError } from "@/lib/errors";

export const LIVE_READ_MS = 5_000;

export function withTimeout<T>(promise: Promise<T>, what: string, ms = LIVE_READ_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new AppError("upstream", `${what} did not answer within ${ms / 1000} s`)),
      ms,
    );
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}
