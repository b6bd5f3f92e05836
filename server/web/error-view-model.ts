/** The error page: "Not found" for a 404, else the status, and the error's own message. */
export function toErrorPage(status: number, message: string) {
  return { title: status === 404 ? 'Not found' : `Error ${status}`, status, message };
}
