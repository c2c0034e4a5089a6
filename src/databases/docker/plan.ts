import type { Engine } from '../types.js';

export type DockerImage = 'postgres' | 'mysql' | 'mariadb';

/** How to start a database container and reach its server: what docker/provider.ts hands testcontainers. */
export interface ContainerPlan {
  image: string;
  engine: Engine;
  env: Record<string, string>;
  command?: string[];
  port: number;
  /** The server URL once the container's port is mapped to host:port. */
  url(host: string, port: number): string;
}

const PASSWORD = 'headsup';

export function containerPlan(image: DockerImage, tag: string): ContainerPlan {
  switch (image) {
    case 'postgres':
      return {
        image: `postgres:${tag}`,
        engine: 'postgresql',
        env: { POSTGRES_USER: 'headsup', POSTGRES_PASSWORD: PASSWORD, POSTGRES_DB: 'headsup' },
        // A throwaway server: nothing to make durable.
        command: ['postgres', '-c', 'fsync=off', '-c', 'full_page_writes=off'],
        port: 5432,
        url: (host, port) => `postgres://headsup:${PASSWORD}@${host}:${port}/headsup`,
      };
    case 'mysql':
      return {
        image: `mysql:${tag}`,
        engine: 'mysql',
        env: { MYSQL_ROOT_PASSWORD: PASSWORD },
        port: 3306,
        url: (host, port) => `mysql://root:${PASSWORD}@${host}:${port}/`,
      };
    case 'mariadb':
      return {
        image: `mariadb:${tag}`,
        engine: 'mysql',
        env: { MARIADB_ROOT_PASSWORD: PASSWORD },
        port: 3306,
        url: (host, port) => `mysql://root:${PASSWORD}@${host}:${port}/`,
      };
  }
}
