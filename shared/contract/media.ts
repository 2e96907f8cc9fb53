/** Channels of the media store (images of articles). */
export const mediaChannels = {} as const;
