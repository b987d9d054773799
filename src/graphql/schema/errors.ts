import { ValidationError } from '../../domain/validation-error.js';
import { ConflictError, NotFoundError } from '../../domain/write-errors.js';
import { builder } from '../builder.js';

const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  description: 'Why a mutation wrote nothing.',
  fields: (t) => ({ message: t.exposeString('message') }),
});

const ValidationIssue = builder.objectRef<{ path: string; message: string }>('ValidationIssue').implement({
  fields: (t) => ({
    path: t.exposeString('path', { description: 'The input field: `claims[3].saidOn.value`.' }),
    message: t.exposeString('message'),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'The input is wrong; every wrong field is listed.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    code: t.string({ resolve: () => 'BAD_USER_INPUT' }),
    issues: t.field({ type: [ValidationIssue], resolve: (error) => error.issues }),
  }),
});

builder.objectType(ConflictError, {
  name: 'ConflictError',
  description: 'Someone changed it first: the expectedVersion is not the current version.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    code: t.string({ resolve: () => 'CONFLICT' }),
    currentVersion: t.exposeInt('currentVersion'),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ code: t.string({ resolve: () => 'NOT_FOUND' }) }),
});
