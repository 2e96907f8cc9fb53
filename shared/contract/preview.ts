/** Channels that render an article as it will be published, and as the portal page shows it. */
export const previewChannels = {} as const;
