/** Release versions are domain vocabulary (the review's report reads them too): domain/semver.ts. */
export * from '../domain/semver';
