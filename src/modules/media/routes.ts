// HTTP routes for profile and group photos (multipart uploads, in this plugin's scope only).
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.js';
import { presentImage } from '../../core/image-urls.js';
import { callerId, requireAuth } from '../../http/auth.js';
import { bearerAuth, Envelope, ok, responses } from '../../http/envelope.js';
import { limitPerUser } from '../../http/rate-limit.js';
import { presentSelf, SelfUserSchema } from '../users/present.js';
import { ConversationImageParams, ConversationImageResult, ImageUploadBody } from './schemas.js';
import { changeConversationImage, changeProfileImage } from './service.js';
import { MAX_IMAGE_BYTES, readImageUpload } from './upload.js';

const UPLOAD_ERRORS = [401, 413, 415];

export const mediaRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  // Registered here, not app-wide: only these routes accept multipart bodies.
  await app.register(multipart, { limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 5, parts: 6 } });
  const authenticate = requireAuth(ctx);
  // Checked before the body is read: an upload over the allowance costs no decoding.
  const limitUploads = limitPerUser(ctx, {
    name: 'upload',
    limit: ctx.config.uploadRateLimit,
    windowMs: 60_000,
  });

  app.put(
    '/users/me/profile-image',
    {
      onRequest: [authenticate, limitUploads],
      schema: {
        tags: ['users'],
        operationId: 'setProfileImage',
        summary: 'Set my profile photo',
        description:
          'Multipart field `image`: JPEG, PNG or WebP, at most 5 MB, at most 40 megapixels. It is re-encoded ' +
          'to WebP without metadata (no EXIF/GPS): a 640 px version (longer side, aspect kept) and a 160 px ' +
          'square thumbnail. The previous photo is deleted.',
        security: bearerAuth,
        consumes: ['multipart/form-data'],
        body: ImageUploadBody,
        response: responses({ 200: Envelope(SelfUserSchema) }, UPLOAD_ERRORS),
      },
    },
    async (request, reply) => {
      const user = await changeProfileImage(ctx, callerId(request), () => readImageUpload(request));
      return ok(reply, 'Profile photo updated', presentSelf(user));
    },
  );

  app.delete(
    '/users/me/profile-image',
    {
      onRequest: authenticate,
      schema: {
        tags: ['users'],
        operationId: 'deleteProfileImage',
        summary: 'Remove my profile photo',
        security: bearerAuth,
        response: responses({ 200: Envelope(SelfUserSchema) }, [401]),
      },
    },
    async (request, reply) => {
      const user = await changeProfileImage(ctx, callerId(request), null);
      return ok(reply, 'Profile photo removed', presentSelf(user));
    },
  );

  app.put(
    '/conversations/:conversationId/image',
    {
      onRequest: [authenticate, limitUploads],
      schema: {
        tags: ['conversations'],
        operationId: 'setConversationImage',
        summary: 'Set the group photo (group admins)',
        description:
          'Same rules as the profile photo. Members receive `conversation.updated`. A plain member gets 403, ' +
          'a non-member 404, a direct conversation 422.',
        security: bearerAuth,
        consumes: ['multipart/form-data'],
        params: ConversationImageParams,
        body: ImageUploadBody,
        response: responses({ 200: Envelope(ConversationImageResult) }, [...UPLOAD_ERRORS, 403, 404]),
      },
    },
    async (request, reply) => {
      const { conversationId } = request.params;
      const conversation = await changeConversationImage(ctx, callerId(request), conversationId, () =>
        readImageUpload(request),
      );
      return ok(reply, 'Group photo updated', { image: presentImage(conversation.image) });
    },
  );

  app.delete(
    '/conversations/:conversationId/image',
    {
      onRequest: authenticate,
      schema: {
        tags: ['conversations'],
        operationId: 'deleteConversationImage',
        summary: 'Remove the group photo (group admins)',
        security: bearerAuth,
        params: ConversationImageParams,
        response: responses({ 200: Envelope(ConversationImageResult) }, [401, 403, 404]),
      },
    },
    async (request, reply) => {
      const { conversationId } = request.params;
      const conversation = await changeConversationImage(ctx, callerId(request), conversationId, null);
      return ok(reply, 'Group photo removed', { image: presentImage(conversation.image) });
    },
  );
};
