// Kept equal to package.json's version by a unit test; bundles cannot read package.json in a pod.
export const VERSION = '0.1.0';
