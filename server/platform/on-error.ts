import type { NextFunction, Request, Response } from 'express';
import { AppError, type ApiErrorBody } from '../../shared/errors';
import type { Logger } from './logger';

/** The one place errors become HTTP answers. Only unexpected errors are logged as bugs. */
export function onError(logger: Logger) {
  return (err: unknown, req: Request, res: Response, next: NextFunction) => {
    // Half an answer already went out: only express can end it (it closes the connection; no page).
    if (res.headersSent) return next(err);
    const appError = toAppError(err);
    if (appError.code === 'internal' || appError.code === 'unavailable') {
      (req.log ?? logger).error({ err }, 'request failed');
    }
    const body: ApiErrorBody = {
      error: { code: appError.code, message: appError.message, ...(appError.fields ? { fields: appError.fields } : {}) },
    };
    res.status(appError.status).json(body);
  };
}

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as { type?: string; status?: number; code?: string };
  // body-parser's own errors: malformed JSON, too large, bad charset.
  if (e?.type === 'entity.parse.failed') return new AppError('validation_failed', '请求内容不是有效的 JSON');
  if (e?.type === 'entity.too.large') return new AppError('validation_failed', '请求内容过大');
  // Anything else express or its middleware refused as the client's fault (bad percent-encoding,
  // an unknown charset or content encoding, a file that is not there): a stable code, not its page.
  if (e?.status === 404) return new AppError('not_found', '页面或接口不存在');
  if (e?.status && e.status >= 400 && e.status < 500) return new AppError('validation_failed', '请求格式不正确');
  if (e?.code === 'ECONNREFUSED' || e?.code === '57P01' || e?.code === 'ECONNRESET') {
    return new AppError('unavailable', '数据库暂时不可用，请稍后重试');
  }
  return new AppError('internal', '系统内部错误，已记录，请稍后重试');
}
