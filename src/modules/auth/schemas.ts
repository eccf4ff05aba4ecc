// Request and response schemas of the auth routes.
import { Type } from '@sinclair/typebox';
import { SelfUserSchema } from '../users/present.js';
import { Name, NewPassword, Phone } from '../users/schemas.js';

export const Email = Type.String({
  format: 'email',
  maxLength: 254,
  description: 'Compared case-insensitively',
});

export const SignupBody = Type.Object({
  firstName: Name,
  lastName: Name,
  email: Email,
  password: NewPassword,
  phone: Type.Optional(Phone),
});

export const LoginBody = Type.Object({
  email: Email,
  password: Type.String({ minLength: 1, maxLength: 128 }),
});

export const TokenPair = Type.Object(
  {
    token: Type.String({ description: 'Access token (JWT); send as Authorization: Bearer <token>' }),
    refreshToken: Type.String({ description: 'Opaque, single use: exchange it at /auth/refresh' }),
    expiresIn: Type.Integer({ description: 'Seconds until the access token expires' }),
    user: SelfUserSchema,
  },
  { title: 'TokenPair' },
);

/** Mailed and refresh tokens are 43-character base64url strings; the bound only stops absurd input. */
const OpaqueToken = (description: string) => Type.String({ minLength: 1, maxLength: 200, description });

export const RefreshBody = Type.Object({
  refreshToken: OpaqueToken('The refresh token from login or the previous refresh'),
});

export const VerifyAccountBody = Type.Object({
  token: OpaqueToken('The `token` query parameter of the link in the verification mail'),
});

export const RecoveryBody = Type.Object({ email: Email });

export const ResetPasswordParams = Type.Object({
  token: OpaqueToken('The `token` query parameter of the link in the recovery mail'),
});

export const ResetPasswordBody = Type.Object({ password: NewPassword });

export const NoData = Type.Null();
