import { jsonError } from "@/lib/api/json-error";
import { readJson } from "@/lib/api/route";
import { setSessionCookie } from "@/lib/auth/current-user";
import { signIn } from "@/lib/auth/sign-in";
import { AppError } from "@/lib/errors";
import { signInSchema } from "@/lib/schemas/auth";

/** POST /api/v1/auth/login {username, password}: sets the session cookie, returns who signed in. */
export async function POST(request: Request): Promise<Response> {
  try {
    const input = await readJson(request, signInSchema);
    const result = await signIn(input, request.headers.get("user-agent"));
    if (!result) throw new AppError("unauthorized", "Wrong username or password");
    await setSessionCookie(result.token, result.expiresAt);
    const { user } = result;
    return Response.json({
      user: { username: user.username, mustChangePassword: user.mustChangePassword },
    });
  } catch (error) {
    return jsonError(error);
  }
}
