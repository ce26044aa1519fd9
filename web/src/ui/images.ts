// Studio images come in fixed thumbnail sizes (128, 256, 512, 1024), rendered once by the server.
export const thumb = (url: string, size: 128 | 256 | 512 | 1024): string => `${url}?size=${size}`;
