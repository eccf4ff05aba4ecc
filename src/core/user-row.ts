// The row a user is read as everywhere (never the password hash). It lives here, below the features, so the
// session cache can keep a user's own row next to their sessions.

/** A user as the server reads it: everything but the password hash. */
export interface UserRow {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  about: string | null;
  isVerified: boolean;
  profileImage: string | null;
  lastSeenAt: Date | null;
  createdAt: Date;
}
