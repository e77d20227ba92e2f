/** An error whose message is a Chinese sentence for the person who caused it, with the HTTP status to answer. */
export class AppError extends Error {
  constructor(
    public readonly status: number,
    message: string,
    public readonly code = 'bad_request',
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (message: string, details?: unknown) => new AppError(400, message, 'bad_request', details);
export const unauthorized = (message = '请先登录。') => new AppError(401, message, 'unauthorized');
export const forbidden = (message = '您没有执行此操作的权限。') => new AppError(403, message, 'forbidden');
export const notFound = (message = '未找到该记录，或您无权查看。') => new AppError(404, message, 'not_found');
export const conflict = (message: string, details?: unknown) => new AppError(409, message, 'conflict', details);
export const tooMany = (message: string) => new AppError(429, message, 'too_many_requests');
