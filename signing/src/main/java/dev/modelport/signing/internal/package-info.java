/** Helpers shared by this module's packages. Not API: may change without notice. */
package dev.modelport.signing.internal;
