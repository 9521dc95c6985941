/** @type {import('next').NextConfig} */
const nextConfig = {
  // The queue, Redis and emitter run in the Node server only; never bundle them.
  serverExternalPackages: ['bullmq', 'ioredis', '@socket.io/redis-emitter', '@opwire/server'],
};

export default nextConfig;
