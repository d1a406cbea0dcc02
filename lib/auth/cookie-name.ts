export const SESSION_COOKIE = "virtdeck_session";
/** Between a right password and the second factor (five minutes, one sign-in). */
export const SECOND_FACTOR_COOKIE = "virtdeck_second_factor";
